using System.CommandLine;
using System.Net;
using Kubedos.Enrollment.Service;

namespace Kubedos.Agent;

/// <summary>
/// <c>kubedos-agent serve --listen ADDR:PORT --state DIR</c>: the gated enrollment service, run on the first control-plane
/// node on its wg1 address until stopped. Prints <c>serving on https://...</c> once it accepts connections.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "Address and port to listen on (the node's wg1 address)", Required = true };
        var state = new Option<string>("--state") { Description = "Directory of the service's files (CA, inventory.json, tokens.json, audit.log)", Required = true };
        var window = new Option<int>("--join-window-minutes") { Description = "How long a join token admits after it was minted", DefaultValueFactory = _ => 30 };
        var days = new Option<int>("--node-cert-days") { Description = "Lifetime of the node certificates it issues", DefaultValueFactory = _ => 90 };
        var anySource = new Option<bool>("--any-source") { Description = "Do not require the TCP source to be the address the node claims (loopback tests, NAT)" };
        var serve = new Command("serve", "Run the enrollment service until stopped") { listen, state, window, days, anySource };
        serve.SetAction(async (parse, ct) =>
        {
            if (!IPEndPoint.TryParse(parse.GetValue(listen)!, out var endpoint))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"kubedos-agent: --listen must be ADDRESS:PORT, got '{parse.GetValue(listen)}'");
                return AgentProgram.Failure;
            }

            var options = EnrollmentOptions.FromSpec(parse.GetValue(window), parse.GetValue(days)) with { RequireSourceAddress = !parse.GetValue(anySource) };
            try
            {
                await using var service = await new ServiceState(parse.GetValue(state)!).StartAsync(endpoint, options, TimeProvider.System, ct);
                foreach (var repaired in service.AuditRecovered)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"kubedos-agent: warning: audit log: {repaired}");
                }

                await parse.InvocationConfiguration.Output.WriteLineAsync($"serving on {service.Address}");
                await parse.InvocationConfiguration.Output.FlushAsync(ct);
                await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                return AgentProgram.Success;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or FormatException or ArgumentException or System.Security.Cryptography.CryptographicException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"kubedos-agent: cannot serve: {e.Message}");
                return AgentProgram.Failure;
            }
        });
        return serve;
    }
}
