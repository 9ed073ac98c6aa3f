// seedrandom's Alea generator on its own (the package index also bundles five other generators
// and ARC4, ~6 kB that psychkit never uses). @types/seedrandom only types the index.
declare module 'seedrandom/lib/alea.js' {
  interface AleaState {
    readonly c: number;
    readonly s0: number;
    readonly s1: number;
    readonly s2: number;
  }
  interface AleaPrng {
    (): number;
    state(): AleaState;
  }
  const alea: (seed?: string, options?: { state?: boolean }) => AleaPrng;
  export default alea;
}
