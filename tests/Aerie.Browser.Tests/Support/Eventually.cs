namespace Aerie.Browser.Tests.Support;

internal static class Eventually
{
    /// <summary>Polls until the condition holds; fails after the timeout.</summary>
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("condition not met in time: " + what);
            }
            await Task.Delay(100);
        }
    }
}
