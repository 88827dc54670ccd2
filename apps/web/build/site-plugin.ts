// Vite plugins of the site: build-time HTML (header, footer, symmetry list, type options,
// the CSP) and the JavaScript size report that fails the build over budget.
import type { SymmetryType } from '@symval/attestation/validators';
import type { Plugin } from 'vite';
import { toHtml } from '../src/dom/vnode.js';
import {
  PAGES,
  type PageKey,
  renderFooter,
  renderHeader,
  renderSymmetryList,
  renderTypeOptions,
} from '../src/site/layout.js';
import { buildCsp, type CspOptions } from './csp.js';
import { formatSizeReport, JS_BUDGET_BYTES, measureFiles } from './size.js';

const MARKER = /<!--\s*symval:([a-z-]+)(?::([a-z-]+))?\s*-->/g;

function isPage(key: string | undefined): key is PageKey {
  return PAGES.some((page) => page.key === key);
}

/**
 * Replaces `<!--symval:NAME[:PAGE]-->` markers in an HTML page with static markup. Throws on
 * a marker it does not know, so a typo cannot ship an empty page section.
 */
export function expandMarkers(html: string, types: readonly SymmetryType[]): string {
  return html.replace(MARKER, (marker, name: string, page: string | undefined) => {
    switch (name) {
      case 'header':
        if (isPage(page)) return renderHeader(page).map(toHtml).join('');
        break;
      case 'footer':
        if (isPage(page)) return toHtml(renderFooter(page));
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
        let out = expandMarkers(html, options.types);
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
