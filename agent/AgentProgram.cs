using System.CommandLine;
using System.Net;
using Kubedos.Enrollment.Client;
using Kubedos.Enrollment.Node;
using Kubedos.Enrollment.Tokens;

namespace Kubedos.Agent;

/// <summary>
/// <c>kubedos-agent</c>, the small program that runs on every node: <c>enroll</c> once, <c>renew</c> on a timer.
/// </summary>
/// <remarks>
/// Exit codes: 0 done (or nothing to do), 1 usage or local error, 2 refused (by the service, or the
/// service failed the CA pin). The join token is read from a file or the environment, never from
/// the command line, where every local user could read it in the process list.
/// </remarks>
public static class AgentProgram
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Refused = 2;

    /// <summary>The token's environment variable (when no token file is given).</summary>
    public const string TokenVariable = "KUBEDOS_ENROLLMENT_TOKEN";

    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        return await Create().Parse(args).InvokeAsync(cancellationToken: cancel.Token);
    }

    /// <summary>The command tree.</summary>
    public static RootCommand Create()
    {
        var service = new Option<string>("--service") { Description = "The enrollment service, https://<address>:<port>/", Required = true };
        var dir = new Option<string>("--dir") { Description = "Where the node keeps node.key, node.pem and ca-chain.pem", DefaultValueFactory = _ => "/etc/kubedos/identity" };

        var tokenFile = new Option<string?>("--token-file") { Description = $"File holding the enrollment token (else ${TokenVariable})" };
        var node = new Option<string>("--node") { Description = "This node's name, as the inventory declares it", Required = true };
        var address = new Option<string>("--address") { Description = "This node's address, as the inventory declares it", Required = true };
        var enroll = new Command("enroll", "Enroll this node once (does nothing when an identity exists)") { service, dir, tokenFile, node, address };
        enroll.SetAction((parse, ct) => RunAsync(async () =>
        {
            var token = EnrollmentToken.Parse(ReadToken(parse.GetValue(tokenFile)));
            var identity = new NodeIdentityDirectory(parse.GetValue(dir)!);
            var enrolled = await new NodeAgent(TimeProvider.System).EnrollAsync(
                ServiceUri(parse.GetValue(service)!), token, parse.GetValue(node)!, IPAddress.Parse(parse.GetValue(address)!), identity, ct);
            await Console.Out.WriteLineAsync(enrolled ? $"enrolled: identity in {identity.Path}" : $"already enrolled: identity in {identity.Path}");
        }));

        var caPin = new Option<string>("--ca-pin") { Description = "The cluster CA pin, sha256:<hex>", Required = true };
        var earlyDays = new Option<int>("--early-renewal-days") { Description = "Rotate when the certificate has fewer days left", DefaultValueFactory = _ => 30 };
        var renew = new Command("renew", "Rotate to a new key when the certificate is inside its renewal window") { service, dir, caPin, earlyDays };
        renew.SetAction((parse, ct) => RunAsync(async () =>
        {
            var identity = new NodeIdentityDirectory(parse.GetValue(dir)!);
            var renewed = await new NodeAgent(TimeProvider.System).RenewIfDueAsync(
                ServiceUri(parse.GetValue(service)!), parse.GetValue(caPin)!, identity, TimeSpan.FromDays(parse.GetValue(earlyDays)), ct);
            await Console.Out.WriteLineAsync(renewed ? "renewed: new key and certificate in place" : "not due: nothing to do");
        }));

        return new RootCommand("kubedos-agent: node enrollment and certificate rotation") { enroll, renew, ServeCommand.Create() };
    }

    private static Uri ServiceUri(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new FormatException($"--service must be an https:// address, got '{text}'");

    private static string ReadToken(string? file)
    {
        var token = file is not null ? File.ReadAllText(file).Trim() : Environment.GetEnvironmentVariable(TokenVariable);
        return string.IsNullOrEmpty(token)
            ? throw new FormatException($"no enrollment token: give --token-file or set {TokenVariable}")
            : token;
    }

    private static async Task<int> RunAsync(Func<Task> action)
    {
        try
        {
            await action();
            return Success;
        }
        catch (EnrollmentRefusedException e)
        {
            await Console.Error.WriteLineAsync($"kubedos-agent: refused: {e.Message}");
            return Refused;
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException or HttpRequestException)
        {
            await Console.Error.WriteLineAsync($"kubedos-agent: {e.Message}");
            return Failure;
        }
    }
}
