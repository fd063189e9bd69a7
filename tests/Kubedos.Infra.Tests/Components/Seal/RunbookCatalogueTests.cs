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
    [InlineData("runbook total-loss")]
    [InlineData("swap")]
    public void Entries_SpecRunbooksAreVerbsNoLongerAbsent(string verb)
    {
        Assert.Contains(RunbookCatalogue.Entries, e => e.Verb == verb);
        Assert.Contains(verb, Verbs());
        Assert.DoesNotContain(RunbookCatalogue.Absent, line => line.Contains(verb, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_NamesTheStackAndEveryCommand()
    {
        var text = RunbookCatalogue.Render("lab-01");

        Assert.Contains("kubedos node revoke NODE --stack lab-01", text, StringComparison.Ordinal);
        Assert.Contains("kubedos swap --from lab-01 --to OTHER --yes --destroy-old", text, StringComparison.Ordinal);
        Assert.DoesNotContain("## Not in this build", text, StringComparison.Ordinal);
    }
}
