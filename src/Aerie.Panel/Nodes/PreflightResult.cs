namespace Aerie.Panel.Nodes;

/// <summary>What the node said to <c>GET /api/servers/{uuid}</c>; <c>Reason</c> is short and safe to show.</summary>
internal readonly record struct PreflightResult(PreflightOutcome Outcome, string Reason = "");
