import { cronbachAlpha } from '../src/index.js';
const m = [[null,null,null],[null,null,null],[null,null,null],[null,null,null],[1,3,2],[1,1,4],[1,3,1],[2,null,1]];
const a = cronbachAlpha(m); const b = cronbachAlpha(m.map((r) => [r[1], r[2], r[0]]));
console.log(a.alpha, b.alpha, a.items.map((i) => [i.rRest, i.rTotal, i.alphaIfItemDeleted]), b.items.map((i) => [i.rRest, i.rTotal, i.alphaIfItemDeleted]));
