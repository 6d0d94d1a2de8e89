import { renderJson } from './json';
import { Report } from './result';
import { renderText } from './text';

export interface RenderOptions {
  readonly color?: boolean;
  readonly showSuppressed?: boolean;
}

export type Renderer = (report: Report, options: RenderOptions) => string;

/** Output formats by name; each reporter is one file in lib/report. */
export const FORMATS: Record<string, Renderer> = {
  text: renderText,
  json: renderJson,
};

export { Report, summarize, toReport } from './result';
