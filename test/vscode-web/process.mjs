// The `process` global that the `assert` package (and its `util`) reads, in the web worker suite only.
import process from 'process/browser.js';
export { process };
