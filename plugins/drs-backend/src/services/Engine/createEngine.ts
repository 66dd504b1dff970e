import { createEngineContext } from './engineContext';
import { runCycle } from './cycle';
import { drive } from './drive';
import { observe } from './observe';
import { Engine, EngineOptions } from './types';

export function createEngine(options: EngineOptions): Engine {
  const engine = createEngineContext(options);
  return {
    async driveNow(executionId) {
      const execution = await engine.store.find(executionId);
      if (!execution) return;
      const observationsOf = await observe(
        engine,
        engine.locationOf(execution),
        [execution],
      );
      await drive(engine, execution, observationsOf(execution));
    },

    runCycle: signal => runCycle(engine, signal),
  };
}
