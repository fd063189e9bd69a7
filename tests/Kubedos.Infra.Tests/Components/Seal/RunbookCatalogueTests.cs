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
    [InlineData("total-loss")]
    public void Absent_RunbookVerbs_StillAbsentFromTheCli(string runbook)
    {
        // When one exists, it belongs in Entries, not in the "not in this build" list.
        Assert.Contains(RunbookCatalogue.Absent, line => line.Contains(runbook, StringComparison.Ordinal));
        Assert.DoesNotContain($"runbook {runbook}", Verbs());
    }

    [Fact]
    public void Render_NamesTheStackAndEveryCommand()
    {
        var text = RunbookCatalogue.Render("lab-01");

        Assert.Contains("kubedos node revoke NODE --stack lab-01", text, StringComparison.Ordinal);
        Assert.Contains("## Not in this build", text, StringComparison.Ordinal);
    }
}
