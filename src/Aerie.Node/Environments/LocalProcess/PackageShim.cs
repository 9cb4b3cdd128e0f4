using System.Text;

namespace Aerie.Node.Environments.LocalProcess;

/// <summary>
/// What <c>apt</c>, <c>apt-get</c> and <c>apk</c> are inside an install sandbox (spec 05 §9): scripts written for a root
/// installer image install packages first, which a sandboxed, unprivileged script on a shared host must not. The
/// stand-in installs nothing, prints what was asked for and exits 0 when every command (or file) the requested
/// packages are known to provide is already on the host, else 1 naming what is missing, so the script's own error
/// handling sees a failed install. Other subcommands (update, upgrade, del...) do nothing and succeed.
/// </summary>
internal static class PackageShim
{
    /// <summary>Where the stand-ins appear in the sandbox, first on PATH.</summary>
    public const string Folder = "/run/aerie/bin";

    public static readonly string[] Names = ["apt", "apt-get", "apk"];

    /// <summary>Package → what it provides: commands, or absolute paths (globs allowed); <c>a|b</c> = either one.</summary>
    internal static readonly Dictionary<string, string[]> Provides = new(StringComparer.Ordinal)
    {
        ["curl"] = ["curl"],
        ["wget"] = ["wget"],
        ["tar"] = ["tar"],
        ["unzip"] = ["unzip"],
        ["zip"] = ["zip"],
        ["jq"] = ["jq"],
        ["git"] = ["git"],
        ["file"] = ["file"],
        ["bash"] = ["bash"],
        ["coreutils"] = ["ls"],
        ["sed"] = ["sed"],
        ["grep"] = ["grep"],
        ["gawk"] = ["gawk"],
        ["gzip"] = ["gzip"],
        ["bzip2"] = ["bzip2"],
        ["xz"] = ["xz"],
        ["xz-utils"] = ["xz"],
        ["openssl"] = ["openssl"],
        ["rsync"] = ["rsync"],
        ["python3"] = ["python3"],
        ["procps"] = ["ps"],
        ["iproute2"] = ["ip"],
        ["dos2unix"] = ["dos2unix"],
        ["sqlite3"] = ["sqlite3"],
        ["ca-certificates"] = ["/etc/ssl/certs/ca-certificates.crt"],
        ["tzdata"] = ["/usr/share/zoneinfo/UTC"],
        ["lib32gcc-s1"] = ["/usr/lib32/libgcc_s.so.1|/lib32/libgcc_s.so.1"],
        ["lib32gcc1"] = ["/usr/lib32/libgcc_s.so.1|/lib32/libgcc_s.so.1"],
        ["lib32stdc++6"] = ["/usr/lib32/libstdc++.so.6|/lib32/libstdc++.so.6"],
        ["libstdc++6"] = ["/usr/lib/*/libstdc++.so.6|/usr/lib/libstdc++.so.6"],
        ["libstdc++"] = ["/usr/lib/*/libstdc++.so.6|/usr/lib/libstdc++.so.6"],
        ["libgcc"] = ["/usr/lib/*/libgcc_s.so.1|/usr/lib/libgcc_s.so.1"],
        ["libc6"] = ["/usr/lib/*/libc.so.6|/lib/*/libc.so.6"],
    };

    /// <summary>Writes the stand-ins (0755, owned by the node: the script may run them, not change them) into <paramref name="folder"/>.</summary>
    public static void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        var text = Script();
        foreach (var name in Names)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, text, new UTF8Encoding(false));
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }
    }

    /// <summary>One shell script for every name; the table is data spliced as quoted words the node wrote itself.</summary>
    internal static string Script()
    {
        var table = new StringBuilder();
        foreach (var (package, provides) in Provides)
        {
            table.Append("    '").Append(package).Append("') echo '").Append(string.Join(' ', provides)).Append("' ;;\n");
        }
        return """
            #!/bin/sh
            # Aerie's stand-in for a package manager inside an install sandbox: nothing is ever installed.
            tool=$(basename "$0")
            action=""
            packages=""
            for arg in "$@"; do
              case "$arg" in
                -*) ;;
                *) if [ -z "$action" ]; then action=$arg; else packages="$packages ${arg%%=*}"; fi ;;
              esac
            done
            provides() {
              case "$1" in

            """ + table + """
                *) echo '' ;;
              esac
            }
            have() {
              old_ifs=$IFS; IFS='|'
              for alternative in $1; do
                IFS=$old_ifs
                case "$alternative" in
                  /*) for f in $alternative; do [ -e "$f" ] && return 0; done ;;
                  *) command -v "$alternative" >/dev/null 2>&1 && return 0 ;;
                esac
              done
              IFS=$old_ifs
              return 1
            }
            case "$action" in
              install|add)
                echo "aerie: $tool $action:$packages: packages are not installed on this node; the host's programs are used"
                missing=""
                for package in $packages; do
                  needs=$(provides "$package")
                  if [ -z "$needs" ]; then missing="$missing $package"; continue; fi
                  for need in $needs; do
                    have "$need" || missing="$missing $package"
                  done
                done
                if [ -n "$missing" ]; then
                  echo "aerie: not available on this node:$missing (its administrator installs what games need on the host)"
                  exit 1
                fi
                exit 0 ;;
              *)
                echo "aerie: $tool $action: skipped (this node manages its own packages)"
                exit 0 ;;
            esac

            """;
    }
}
