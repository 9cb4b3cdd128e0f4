namespace Aerie.Panel.Operator;

/// <summary>Bad operator input: printed as one line, exit code 2.</summary>
internal sealed class OperatorError(string message) : Exception(message);
