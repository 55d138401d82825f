// Entry for the Node and bundler runs: prints the suite's result as one JSON line.
import { runSuite } from "./suite.js";

const options = JSON.parse(process.argv[2] ?? "{}");
runSuite(options).then(
  (r) => console.log(JSON.stringify(r)),
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
