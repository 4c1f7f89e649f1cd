// snarkjs in-process timing on the same files the C# Groth16Benchmarks export
// (ZKP_BENCH_EXPORT=dir dotnet run -c Release --project tests/Zkp.Benchmarks -- --filter '*Groth16Benchmarks*').
// Usage: node tests/interop/bench-groth16.mjs <dir> [iterations]   (after npm ci in tests/interop)
// Loads snarkjs once, warms up, then reports the median of repeated prove and verify calls.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import * as snarkjs from "snarkjs";

const dir = process.argv[2];
const iterations = Number(process.argv[3] ?? 10);
if (!dir) {
    console.error("usage: node bench-groth16.mjs <export dir> [iterations]");
    process.exit(2);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const zkeyName of readdirSync(dir).filter((f) => f.endsWith(".zkey")).sort()) {
    const stem = join(dir, zkeyName.slice(0, -".zkey".length));
    const zkey = new Uint8Array(readFileSync(stem + ".zkey"));
    const wtns = new Uint8Array(readFileSync(stem + ".wtns"));
    const vk = JSON.parse(readFileSync(stem + ".vk.json", "utf8"));
    let { proof, publicSignals } = await snarkjs.groth16.prove(zkey, wtns);
    if (!(await snarkjs.groth16.verify(vk, publicSignals, proof))) throw new Error("warm-up proof does not verify");
    const prove = [];
    const verify = [];
    for (let i = 0; i < iterations; i++) {
        let t = performance.now();
        ({ proof, publicSignals } = await snarkjs.groth16.prove(zkey, wtns));
        prove.push(performance.now() - t);
        t = performance.now();
        await snarkjs.groth16.verify(vk, publicSignals, proof);
        verify.push(performance.now() - t);
    }
    const constraints = readFileSync(stem + ".r1cs.constraints", "utf8");
    console.log(`${zkeyName}: ${constraints} constraints, prove median ${median(prove).toFixed(1)} ms, verify median ${median(verify).toFixed(1)} ms (${iterations} runs)`);
}
process.exit(0);
