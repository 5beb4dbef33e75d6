// Check in the tab, in Node: an exercise's checks on Pyodide, through the same call the tab's
// worker makes (tab-worker.js checkExercise), with the runtime, standard library, app bundle
// and lock info a built site serves. Reads {runtime, stdlib, app, lock, checks: [{exercise,
// source}]} as JSON on stdin; writes each one's outcomes as JSON on stdout.
// Used by tests/test_in_browser.py.
import { startApp } from "./pyodide_app.mjs";

const { input, py } = await startApp();
const runner = py.pyimport("demo_server.exercises.runner");
const outcomes = input.checks.map(({ exercise, source }) => {
  const result = runner.check_source(exercise, source, "start.py");
  try {
    return result.toJs({ dict_converter: Object.fromEntries });
  } finally {
    result.destroy();
  }
});
process.stdout.write(JSON.stringify(outcomes));
