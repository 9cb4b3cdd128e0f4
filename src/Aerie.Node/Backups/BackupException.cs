namespace Aerie.Node.Backups;

/// <summary>A backup or restore failed for a reason worth telling the console (the message is shown as it is).</summary>
internal sealed class BackupException(string message) : Exception(message);
