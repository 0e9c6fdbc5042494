import { redisKeyFloor } from './lib/services.js';
import { bursts } from './scenarios/bursts.js';
import { severalProcesses } from './scenarios/processes.js';

let t = performance.now();
console.log('floor', await redisKeyFloor(1000));
console.log(await bursts({ people: 100, burst: 4, concurrency: 50, debounceSeconds: 5, modelDelayMs: 50 }));
console.log('bursts s', (performance.now() - t) / 1000);
t = performance.now();
console.log(
  JSON.stringify(
    await severalProcesses({ people: 400, perPerson: 5, concurrency: 50, subscribersPerApi: 20, killPeople: 100 }),
    null,
    1,
  ),
);
console.log('procs s', (performance.now() - t) / 1000);
