namespace Aerie.Contracts.NodeApi;

/// <summary>Error texts of the node file API (spec 06 §1–§2), exact: panels show them as they are, including
/// Wings' "requested resources".</summary>
public static class FileApiErrors
{
    public const string NotFound = "The requested resources was not found on the system.";
    public const string Denylisted = "This file cannot be modified: present in egg denylist.";
    public const string IsDirectory = "Cannot perform that action: file is a directory.";
    public const string DiskSpace = "There is not enough disk space available to perform that action.";
    public const string NameTooLong = "Cannot perform that action: file name is too long.";
    public const string BadJson = "The data passed in the request was not in a parsable format. Please try again.";
    public const string Timeout = "The server could not process this request in time, please try again.";
    public const string Aborted = "Request aborted by client.";
    public const string Installing = "server is currently installing";
    public const string Restoring = "server is currently being restored";
    public const string Unexpected = "An unexpected error was encountered while processing this request";

    public const string DirectoryNotFound = "The requested directory was not found on the server.";
    public const string UnsupportedType = "Cannot open files of this type.";
    public const string MissingContentLength = "Missing Content-Length";
    public const string WriteOverDirectory = "Cannot write file, name conflicts with an existing directory by the same name.";
    public const string NothingToRename = "No files to move or rename were provided.";
    public const string RenameExists = "Cannot move or rename file, destination already exists.";
    public const string NothingToDelete = "No files were specified for deletion.";
    public const string PathNotDirectory = "Part of the path being created is not a directory (ENOTDIR).";
    public const string DirectoryOverFile = "Cannot create directory, name conflicts with an existing file by the same name.";
    public const string NothingToChmod = "No files to chmod were provided.";
    public const string InvalidMode = "Invalid file mode.";
    public const string PatternTooShort = "Pattern must be at least 3 characters long";

    // Aerie's own request limits (spec 06 §5, beyond Wings, which has none and so no text).
    public const string BodyTooLarge = "The request body is larger than 1 MiB.";
    public const string TooManyFiles = "At most 1000 files can be passed in one request.";
}
