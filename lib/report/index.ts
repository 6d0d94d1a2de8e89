import { renderHtml } from './html';
import { renderJson, writeJson } from './json';
import { renderJunit } from './junit';
import { renderMarkdown } from './markdown';
import { Report } from './result';
import { renderSarif, writeSarif } from './sarif';
import { renderText } from './text';

export interface RenderOptions {
  readonly color?: boolean;
  readonly showSuppressed?: boolean;
}

export type Renderer = ((report: Report, options: RenderOptions) => string) & {
  /** The same output handed to `write` in chunks (formats whose output can be large): never one string in memory. */
  readonly stream?: (report: Report, options: RenderOptions, write: (chunk: string) => void) => void;
};

/** Output formats by name; each reporter is one file in lib/report. */
export const FORMATS: Record<string, Renderer> = {
  text: renderText,
  json: Object.assign((report: Report) => renderJson(report), { stream: (report: Report, _options: RenderOptions, write: (chunk: string) => void) => writeJson(report, write) }),
  sarif: Object.assign((report: Report) => renderSarif(report), { stream: (report: Report, _options: RenderOptions, write: (chunk: string) => void) => writeSarif(report, write) }),
  junit: (report) => renderJunit(report),
  markdown: (report) => renderMarkdown(report),
  html: (report, options) => renderHtml(report, options),
};

export { Report, summarize, toReport } from './result';
