using System.Security.Cryptography;
using Zkp.Zk.Constraints;

namespace Zkp.Zk.Formats;

/// <summary>
/// A circuit's identity: lowercase hex SHA-256 of its canonical .r1cs encoding (<see cref="R1csFile.Write"/>),
/// so two R1CS with the same wires, constraints and coefficients get the same id on any machine.
/// </summary>
public static class CircuitHash
{
    public static string Compute(R1cs r1cs) => Convert.ToHexStringLower(SHA256.HashData(R1csFile.Write(r1cs)));
}
