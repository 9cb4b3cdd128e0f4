namespace Aerie.Panel.Eggs.Transfer;

/// <summary>The <c>meta.version</c> values an import accepts (spec 05 §1), oldest first.</summary>
internal static class EggFileFormat
{
    public const string PtdlV1 = "PTDL_v1";
    public const string PtdlV2 = "PTDL_v2";
    public const string PlcnV1 = "PLCN_v1";
    public const string PlcnV2 = "PLCN_v2";
    public const string PlcnV3 = "PLCN_v3";

    public static readonly IReadOnlyList<string> All = [PtdlV1, PtdlV2, PlcnV1, PlcnV2, PlcnV3];
}
