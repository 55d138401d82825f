// Entry for the browser bundles and pages: exposes the suite to the test driver.
import { runSuite } from "./suite.js";

globalThis.runSuite = runSuite;
globalThis.suiteReady = true;
