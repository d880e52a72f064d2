/**
 * The results' recharts plots, one chunk loaded on first use (plot-loader.ts): recharts is
 * about 120 kB gzip that a person who never runs anything should not download or parse.
 */
export { BillPlot } from './BillPlot';
export { HistogramPlot } from './HistogramPlot';
export { SeriesPlot } from './SeriesPlot';
