namespace Aerie.Contracts.Socket;

/// <summary>Token errors beyond spec 02's list, worded like the Go JWT library Wings uses.</summary>
public static class SocketErrorsExtra
{
    public const string InvalidSignature = "jwt: HMAC verification failed";
    public const string Malformed = "jwt: malformed token";
}
