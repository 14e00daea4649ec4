/** The part of jStat (a CommonJS package without types) that src/stats uses. */
declare module 'jstat' {
  interface JStat {
    normal: {
      cdf(x: number, mean: number, sd: number): number;
      inv(p: number, mean: number, sd: number): number;
    };
    ibetainv(p: number, a: number, b: number): number;
    gammafn(x: number): number;
  }
  const jStat: JStat;
  export default jStat;
}
