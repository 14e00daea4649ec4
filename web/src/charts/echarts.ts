/**
 * ECharts with only the charts and components the workbench draws (keeps the bundle small). The
 * server's options (src/report/charts.ts, mc.ts) use no others: one that did would need it added here.
 */
import {
  BarChart,
  CandlestickChart,
  HeatmapChart,
  LineChart,
  SankeyChart,
  ScatterChart,
} from 'echarts/charts';
import {
  GeoComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  CandlestickChart, // the published price ranges beside the model's prices
  LineChart,
  SankeyChart,
  ScatterChart,
  GeoComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  HeatmapChart, // the exposure page's risk by scenario × year
  VisualMapComponent,
  SVGRenderer,
]);

export { echarts };
