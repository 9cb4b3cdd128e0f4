namespace Aerie.Panel.Data;

/// <summary>A node API call that must reach the node eventually (revocation, server create/sync/delete); deleted once acknowledged.</summary>
internal sealed class OutboxMessage
{
    public long Id { get; set; }
    public int NodeId { get; set; }

    /// <summary>The server the call is about; null for a call spanning several (a user-wide deauthorize).</summary>
    public Guid? ServerUuid { get; set; }

    /// <summary>POST for revocations and sync, DELETE for a removed server.</summary>
    public string Method { get; set; } = "POST";
    public required string Path { get; set; }
    public required string BodyJson { get; set; }
    public long CreatedAtUnixMs { get; set; }
    public long NextAttemptUnixMs { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
