using Microsoft.IdentityModel.Tokens;

namespace Aerie.Panel.Nodes;

/// <summary>A node's decrypted secret and the HS256 credentials built from it (shared, never mutated).</summary>
internal sealed record NodeSigningSecret(string Secret, SigningCredentials Signing);
