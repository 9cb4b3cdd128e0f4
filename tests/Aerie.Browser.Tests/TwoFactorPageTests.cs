using Aerie.Browser.Tests.Support;
using Microsoft.Playwright;
using OtpNet;
using static Microsoft.Playwright.Assertions;

namespace Aerie.Browser.Tests;

/// <summary>Two-factor through the web UI: enrol on the account page (QR code, secret, code + password, recovery codes), then sign in with a code and with a recovery code.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoFactorPageTests(UpFixture up)
{
    [Fact]
    public async Task Enrol_ThenSignInWithCode_AndWithRecoveryCode()
    {
        var user = await TestData.UserAsync(up.Stack, "totp");
        var page = await up.NewPageAsync();
        await SignInAsync(page, user.Username);
        await Expect(page.Locator("header.top")).ToContainTextAsync(user.Username);

        await page.GotoAsync(up.PanelUrl + "/account");
        var secretText = page.Locator(".two-factor .totp-secret");
        await Expect(secretText).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-Z2-7]{32}$"));
        await Expect(page.Locator(".two-factor img.qr")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^data:image/png;base64,"));
        var totp = new Totp(Base32Encoding.ToBytes(await secretText.InnerTextAsync()));
        await AwayFromStepEdgeAsync();
        // The previous step's code (still inside the accepted window), so the current one is unused at sign-in.
        var enrolCode = totp.ComputeTotp(DateTime.UtcNow.AddSeconds(-30));
        await page.Locator("form.two-factor-enable input[name=code]").FillAsync(enrolCode);
        await page.Locator("form.two-factor-enable input[name=password]").FillAsync(TestData.Password);
        await page.Locator("form.two-factor-enable button[type=submit]").ClickAsync();
        var recovery = page.Locator(".recovery-codes li");
        await Expect(recovery).ToHaveCountAsync(10);
        var recoveryCode = (await recovery.Nth(4).InnerTextAsync()).Trim();
        await Expect(page.Locator("form.two-factor-disable")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathOf("two-factor-enrolled.png") });

        await SignOutAsync(page);
        await SignInAsync(page, user.Username);
        var code = page.Locator("form.two-factor input[name=code]");
        await Expect(code).ToBeVisibleAsync();
        await code.FillAsync(totp.ComputeTotp(DateTime.UtcNow));
        await page.Locator("form.two-factor button[type=submit]").ClickAsync();
        await Expect(page.Locator("header.top")).ToContainTextAsync(user.Username);

        await SignOutAsync(page);
        await SignInAsync(page, user.Username);
        await Expect(code).ToBeVisibleAsync();
        await code.FillAsync(recoveryCode);
        await page.Locator("form.two-factor button[type=submit]").ClickAsync();
        await Expect(page.Locator("header.top")).ToContainTextAsync(user.Username);
        await page.Context.CloseAsync();
    }

    private async Task SignInAsync(IPage page, string login)
    {
        await page.GotoAsync(up.PanelUrl + "/login");
        await page.Locator("input[name=login]").FillAsync(login);
        await page.Locator("input[name=password]").FillAsync(TestData.Password);
        await page.Locator("form.login button[type=submit]").ClickAsync();
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.Locator("header.top button.link").ClickAsync();
        await Expect(page.Locator("input[name=login]")).ToBeVisibleAsync();
    }

    /// <summary>Waits out the last seconds of a 30-second step, so the codes computed next belong to the steps the panel sees.</summary>
    private static async Task AwayFromStepEdgeAsync()
    {
        var into = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() % 30_000;
        if (into > 20_000)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(30_000 - into + 200));
        }
    }
}
