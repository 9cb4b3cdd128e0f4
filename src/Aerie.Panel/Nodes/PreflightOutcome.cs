namespace Aerie.Panel.Nodes;

/// <summary>Ready = the node knows the server; NotOnNode = it answered 404; Failed = anything else.</summary>
internal enum PreflightOutcome
{
    Ready,
    NotOnNode,
    Failed,
}
