using System.Security.Cryptography;
using System.Text;

namespace Aerie.Panel.Auth;

/// <summary>Random tokens and their at-rest hashes.</summary>
internal static class Secrets
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    public static string Sha256Hex(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    public static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
