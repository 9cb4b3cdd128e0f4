namespace Aerie.Node.ConfigFiles;

/// <summary>The address a game reaches the host on, for <c>{{config.docker.interface}}</c> (spec 05 §4.1).</summary>
internal interface IGameInterface
{
    Task<string> AddressAsync(CancellationToken cancellationToken);
}
