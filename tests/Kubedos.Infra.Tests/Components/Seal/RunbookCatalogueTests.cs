using System.CommandLine;
using Kubedos.Cli;
using Kubedos.Components.Seal;

namespace Kubedos.Infra.Tests.Components.Seal;

public sealed class RunbookCatalogueTests
{
    private static IReadOnlySet<string> Verbs()
    {
        var verbs = new HashSet<string>(StringComparer.Ordinal);
        void Walk(Command command, string prefix)
        {
            foreach (var sub in command.Subcommands)
            {
                var name = prefix.Length == 0 ? sub.Name : $"{prefix} {sub.Name}";
                verbs.Add(name);
                Walk(sub, name);
            }
        }

        Walk(KubedosCli.Create(KubedosCli.CreateHost()), string.Empty);
        return verbs;
    }

    [Fact]
    public void Entries_EveryVerbExistsInTheCli()
    {
        var verbs = Verbs();

        foreach (var entry in RunbookCatalogue.Entries)
        {
            Assert.True(verbs.Contains(entry.Verb), $"runbooks.md names 'kubedos {entry.Verb}', which the CLI does not have");
            Assert.StartsWith($"kubedos {entry.Verb} ", entry.Command + " ", StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("swap")]
    public void Absent_Verbs_StillAbsentFromTheCli(string verb)
    {
        // When one exists, it belongs in Entries, not in the "not in this build" list.
        Assert.Contains(RunbookCatalogue.Absent, line => line.Contains($"kubedos {verb} ", StringComparison.Ordinal));
        Assert.DoesNotContain(verb, Verbs());
    }

    [Fact]
    public void Entries_TotalLossIsARunbookVerbNoLongerAbsent()
    {
        Assert.Contains(RunbookCatalogue.Entries, e => e.Verb == "runbook total-loss");
        Assert.DoesNotContain(RunbookCatalogue.Absent, line => line.Contains("total-loss", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_NamesTheStackAndEveryCommand()
    {
        var text = RunbookCatalogue.Render("lab-01");

        Assert.Contains("kubedos node revoke NODE --stack lab-01", text, StringComparison.Ordinal);
        Assert.Contains("## Not in this build", text, StringComparison.Ordinal);
    }
}
