namespace Aerie.Panel.Users;

/// <summary>The fields of an Application API user create or replace (spec 04 §3.2), already read with Laravel's typing.</summary>
internal sealed record UserDetails(
    string Email,
    string Username,
    string FirstName,
    string LastName,
    string? ExternalId = null,
    string? Password = null,
    string? Language = null,
    bool? RootAdmin = null);
