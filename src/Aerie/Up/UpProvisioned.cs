using Aerie.Panel.Data;

namespace Aerie.Up;

/// <summary>What <see cref="UpProvisioner"/> found or created.</summary>
internal sealed record UpProvisioned(Guid AdminUuid, UpPassword? AdminPassword, PanelNode Node, string NodeSecret, Guid DemoServerUuid, string DemoServerIdentifier);

/// <summary>An administrator password to print: generated ones are shown once and never stored in clear.</summary>
internal sealed record UpPassword(string Value, bool Generated);
