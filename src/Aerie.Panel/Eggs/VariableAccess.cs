namespace Aerie.Panel.Eggs;

/// <summary>
/// What a non-administrator may do with an egg variable (spec 05 §5.1): see it when the egg marks it
/// <c>user_viewable</c>, change it when also <c>user_editable</c>. Beyond Wings, names the shell or the dynamic
/// loader act on (<c>PATH</c>, <c>IFS</c>, <c>BASH_ENV</c>, <c>ENV</c>, <c>LD_*</c>) are never user-editable,
/// whatever the egg says: a user could otherwise make the game's entrypoint run their own code.
/// </summary>
internal static class VariableAccess
{
    public static bool IsProtected(string envVariable)
    {
        var name = envVariable.ToUpperInvariant();
        return name is "PATH" or "IFS" or "BASH_ENV" or "ENV" || name.StartsWith("LD_", StringComparison.Ordinal);
    }

    public static bool UserViewable(EggVariable v) => v.UserViewable;

    public static bool UserEditable(EggVariable v) => v.UserViewable && v.UserEditable && !IsProtected(v.EnvVariable);
}
