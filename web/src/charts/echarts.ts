/**
 * ECharts with only the charts and components the workbench draws (keeps the bundle small). The
 * server's options (src/report/charts.ts, mc.ts) use no others: one that did would need it added here.
 */
import { BarChart, LineChart, SankeyChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  SankeyChart,
  ScatterChart,
  GeoComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  SVGRenderer,
]);

export { echarts };
