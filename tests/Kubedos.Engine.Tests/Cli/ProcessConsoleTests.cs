using Kubedos.Engine.Cli;
using Spectre.Console;

namespace Kubedos.Engine.Tests.Cli;

public sealed class ProcessConsoleTests
{
    private static readonly string LongMessage =
        "repartition of urn:pulumi:lab-01::kubedos::kubedos:components:Converge$kubedos:converge:DiskOperation::repartition-dev-1-data-0 "
        + "needs spec.orchestration.ansible.safety.allowRepartition: true (it is false); nothing was changed";

    [Fact]
    public void Create_Redirected_WritesALongMessageOnOneLine()
    {
        using var writer = new StringWriter();

        ProcessConsole.Create(writer, redirected: true).WriteLine(LongMessage);

        Assert.Equal(LongMessage + Environment.NewLine, writer.ToString());
    }

    [Fact]
    public void Create_NotRedirected_KeepsSpectresWrapping()
    {
        using var writer = new StringWriter();

        ProcessConsole.Create(writer, redirected: false).WriteLine(LongMessage);

        // Spectre's fallback width for a writer that is no terminal: the message breaks, which is what redirected output must not do.
        Assert.True(writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Length > 1);
    }
}
