namespace Aerie.Contracts.NodeApi;

/// <summary>Error texts of the node's signed-URL routes (spec 06 §6), exact.</summary>
public static class SignedUrlErrors
{
    /// <summary>Every token failure, whatever the reason (Wings answers 500 for some; Aerie 404s all).</summary>
    public const string TokenNotFound = "The requested resource was not found on this server.";
    public const string BackupNotFound = "The requested backup was not found on this server.";
    public const string NotMultipart = "Failed to get multipart form data from request.";
    public const string NoFiles = "No files were found on the request body.";

    public static string TooLarge(string name, long limitMb) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"File {name} is larger than the maximum file upload size of {limitMb} MB.");
}
