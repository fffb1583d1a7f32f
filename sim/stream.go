package sim

import (
	"hash/fnv"
	"math/rand/v2"
)

// Stream returns a random generator for one purpose, derived from the master
// seed and a key naming the purpose, such as "sensor/radar-north/target/7".
// Streams with different keys are independent for practical purposes, and a
// stream depends on nothing but its seed and key, so what one component draws
// never shifts what another draws.
func Stream(seed uint64, key string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(key))
	k := h.Sum64()
	return rand.New(rand.NewPCG(mix(seed^mix(k)), mix(k+0x9e3779b97f4a7c15)))
}

// mix is the splitmix64 finaliser: it spreads nearby inputs (seed 1, seed 2)
// into unrelated 64-bit states.
func mix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
