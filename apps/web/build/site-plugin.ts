// Vite plugins of the site: build-time HTML (header, footer, symmetry list, type options,
// the CSP) and the JavaScript size report that fails the build over budget.
import type { SymmetryType } from '@symval/attestation/validators';
import type { Plugin } from 'vite';
import { toHtml } from '../src/dom/vnode.js';
import {
  isPageKey,
  renderFooter,
  renderHeader,
  renderSnapshotLink,
  renderSymmetryList,
  renderTypeOptions,
} from '../src/site/layout.js';
import { buildCsp, type CspOptions } from './csp.js';
import { formatSizeReport, JS_BUDGET_BYTES, measureFiles } from './size.js';

const MARKER = /<!--\s*symval:([a-z-]+)(?::([a-z-]+))?\s*-->/g;

/**
 * Replaces `<!--symval:NAME[:PAGE]-->` markers in an HTML page with static markup. Throws on
 * a marker it does not know, so a typo cannot ship an empty page section. `snapshotUrl` is the
 * build's `VITE_SNAPSHOT_URL`, for the snapshot links.
 */
export function expandMarkers(
  html: string,
  types: readonly SymmetryType[],
  snapshotUrl?: string,
): string {
  return html.replace(MARKER, (marker, name: string, page: string | undefined) => {
    switch (name) {
      case 'header':
        if (isPageKey(page)) return renderHeader(page).map(toHtml).join('');
        break;
      case 'footer':
        if (isPageKey(page)) return toHtml(renderFooter(page, snapshotUrl));
        break;
      case 'snapshot-link':
        if (isPageKey(page)) return toHtml(renderSnapshotLink(page, snapshotUrl));
        break;
      case 'symmetries':
        return renderSymmetryList(types).map(toHtml).join('\n');
      case 'type-options':
        return renderTypeOptions(types, 'Choose a symmetry').map(toHtml).join('');
      case 'type-filter-options':
        return renderTypeOptions(types, 'All symmetries').map(toHtml).join('');
    }
    throw new Error(`unknown or incomplete marker ${marker}`);
  });
}

/** Options of {@link sitePlugin}. */
export interface SitePluginOptions {
  types: readonly SymmetryType[];
  csp: CspOptions;
  /** The build's `VITE_SNAPSHOT_URL`, which the snapshot links follow. */
  snapshotUrl?: string;
}

/** The 404 page: served at any missing path, so it must name its files from the root. */
export const NOT_FOUND_PAGE = '404.html';

/**
 * Makes the relative URLs of a built page's `src` and `href` attributes root-relative
 * (`./assets/x.js` becomes `/assets/x.js`): for the 404 page, whose relative links would
 * resolve against whatever path was missing.
 */
export function fromRoot(html: string): string {
  return html.replace(/\b(src|href)="\.\/(?!\/)/g, '$1="/');
}

/** Expands the markers; in builds also inserts the CSP `<meta>` right after the charset. */
export function sitePlugin(options: SitePluginOptions): Plugin {
  let isBuild = false;
  return {
    name: 'symval-site',
    configResolved(config) {
      isBuild = config.command === 'build';
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        let out = expandMarkers(html, options.types, options.snapshotUrl);
        // Only in builds: the dev server injects inline styles for hot reloading.
        if (isBuild) {
          const meta = `<meta http-equiv="Content-Security-Policy" content="${buildCsp(options.csp)}">`;
          if (!/<meta charset="utf-8">/i.test(out))
            throw new Error('every page must start its <head> with <meta charset="utf-8">');
          out = out.replace(/<meta charset="utf-8">/i, (charset) => `${charset}\n    ${meta}`);
        }
        return out;
      },
    },
  };
}

/**
 * Makes the 404 page's URLs root-relative once Vite has written them (`enforce: 'post'`: the
 * HTML pages are in the bundle only after Vite's own plugins ran).
 */
export function notFoundPagePlugin(): Plugin {
  return {
    name: 'symval-not-found-page',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const page = bundle[NOT_FOUND_PAGE];
      if (page?.type !== 'asset' || typeof page.source !== 'string') {
        this.error(`the build has no ${NOT_FOUND_PAGE}`);
      }
      page.source = fromRoot(page.source);
    },
  };
}

/** Prints the gzipped size of every JavaScript file and fails the build over `budgetBytes`. */
export function sizeReportPlugin(budgetBytes: number = JS_BUDGET_BYTES): Plugin {
  return {
    name: 'symval-size-report',
    apply: 'build',
    // writeBundle, not generateBundle: the HTML plugin drops empty entry chunks (pages with no
    // script) only after generateBundle, and the report should list what is shipped.
    writeBundle(_options, bundle) {
      const files = Object.values(bundle)
        .filter((file) => file.fileName.endsWith('.js'))
        .map((file) => ({
          name: file.fileName,
          contents: file.type === 'chunk' ? file.code : file.source,
        }));
      const report = measureFiles(files, budgetBytes);
      console.log(`\nJavaScript sizes:\n${formatSizeReport(report)}\n`);
      if (!report.withinBudget) {
        this.error(
          `JavaScript is ${report.totalGzipBytes} bytes gzipped, over the budget of ${budgetBytes} bytes`,
        );
      }
    },
  };
}
