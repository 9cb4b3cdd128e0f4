using System.Xml.Linq;
using Aerie.Node.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging;

namespace Aerie.Panel.Data;

/// <summary>The Data Protection key ring in the panel's data folder with each key file created 0600: the framework's
/// own repository writes them with the umask's mode (0644 as a rule), and on Linux a key is unencrypted XML.
/// Reading and deleting stay the framework's.</summary>
internal sealed class PrivateKeyRepository(DirectoryInfo directory, ILoggerFactory loggers) : FileSystemXmlRepository(directory, loggers)
{
    public override void StoreElement(XElement element, string friendlyName)
    {
        var name = IsSafe(friendlyName) ? friendlyName : Guid.NewGuid().ToString();
        var path = Path.Combine(Directory.FullName, name + ".xml");
        // Written beside it, then renamed: a reader never sees half a key (the ".tmp" suffix is not read as a key).
        var temp = path + ".tmp";
        using (var stream = PrivateFiles.OpenWrite(temp, FileMode.Create))
        {
            element.Save(stream);
        }
        File.Move(temp, path, overwrite: true);
    }

    private static bool IsSafe(string name) =>
        !string.IsNullOrEmpty(name) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
