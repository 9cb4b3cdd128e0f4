namespace Aerie.Panel.Operator;

/// <summary>What <c>aerie server:create</c> was given; numbers stay text so a bad one is reported naming its flag.</summary>
internal sealed record ServerCreateInput(
    string Name, string? Description, string Owner, string Node, string Invocation,
    IReadOnlyList<string> Env, IReadOnlyList<string> Done, string? StopCommand, string? StopSignal,
    string? Memory, string? Cpu, string? Disk, string? Image);
