import type { FuzzTarget } from "../harness.js";
export const MODEL_TARGETS: readonly FuzzTarget[] = [];
