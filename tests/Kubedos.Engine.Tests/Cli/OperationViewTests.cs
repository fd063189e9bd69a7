using System.Collections.Immutable;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Cli;
using Kubedos.Engine.Model;
using Kubedos.Engine.Planning;
using Kubedos.Engine.State;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;

namespace Kubedos.Engine.Tests.Cli;

public sealed class OperationViewTests
{
    private static readonly Urn Ca = Urn.Create("dev", "demo", string.Empty, "tls:index:PrivateKey", "ca");

    private readonly TestConsole console = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public OperationViewTests()
    {
        console.Profile.Width = 160;
    }

    [Fact]
    public void Apply_LineMode_PrintsStartAndEndWithElapsed()
    {
        var view = new OperationView(console, time, "dev", showDiff: false, live: false);

        view.Apply(new PreludeEvent("update", false, new Dictionary<string, string>()));
        view.Apply(new ResourcePreEvent(Step(StepKind.Create), Planning: false));
        time.Advance(TimeSpan.FromMilliseconds(1500));
        view.Apply(new ResourceOutputsEvent(Step(StepKind.Create), Planning: false));

        Assert.Equal(
            "Updating (dev):\n +  tls:index:PrivateKey ca creating\n +  tls:index:PrivateKey ca created (1.5s)\n",
            console.Output.Replace("\r", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_Live_ShowsStatusAndElapsedWhileRunningAndDone()
    {
        var view = new OperationView(console, time, "dev", showDiff: false, live: true);
        view.Apply(new ResourcePreEvent(Step(StepKind.Create), Planning: false));
        view.Apply(new ResourcePreEvent(Step(StepKind.Same, "same-one"), Planning: false));
        time.Advance(TimeSpan.FromSeconds(12));

        console.Write(view.Render());
        Assert.Contains("creating", console.Output, StringComparison.Ordinal);
        Assert.Contains("12s", console.Output, StringComparison.Ordinal);
        Assert.Contains("1 unchanged", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("same-one", console.Output, StringComparison.Ordinal);

        view.Apply(new ResourceOutputsEvent(Step(StepKind.Create), Planning: false));
        time.Advance(TimeSpan.FromSeconds(60));
        console.Clear(home: true);
        console.Write(view.Render());
        Assert.Contains("created", console.Output, StringComparison.Ordinal);
        Assert.Contains("12s", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_EphemeralStatus_LineModePrintsItUnderTheStep_LiveShowsTheLatestInInfo()
    {
        var lines = new OperationView(console, time, "dev", showDiff: false, live: false);
        lines.Apply(new ResourcePreEvent(Step(StepKind.Update), Planning: false));
        lines.Apply(new DiagnosticEvent(Ca, "supervision : run script | cp-1 ok=3 changed=1 failed=0", DiagnosticSeverity.Info) { Ephemeral = true });
        Assert.Contains("    ca: supervision : run script | cp-1 ok=3 changed=1 failed=0", console.Output, StringComparison.Ordinal);

        var live = new TestConsole();
        live.Profile.Width = 160;
        var view = new OperationView(live, time, "dev", showDiff: false, live: true);
        view.Apply(new ResourcePreEvent(Step(StepKind.Update), Planning: false));
        view.Apply(new DiagnosticEvent(Ca, "first task", DiagnosticSeverity.Info) { Ephemeral = true });
        view.Apply(new DiagnosticEvent(Ca, "second task", DiagnosticSeverity.Info) { Ephemeral = true });
        live.Write(view.Render());
        Assert.Contains("second task", live.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("first task", live.Output, StringComparison.Ordinal);

        // A status is no diagnostic of the run: the epilogue does not repeat it.
        view.Apply(new ResourceOutputsEvent(Step(StepKind.Update), Planning: false));
        var before = live.Output.Length;
        view.WriteEpilogue(null);
        Assert.DoesNotContain("second task", live.Output[before..], StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_Failed_ShowsErrorInLine()
    {
        var view = new OperationView(console, time, "dev", showDiff: false, live: false);
        view.Apply(new ResourcePreEvent(Step(StepKind.Update), Planning: false));
        time.Advance(TimeSpan.FromSeconds(2));

        view.Apply(new ResourceOperationFailedEvent(Step(StepKind.Update), "disk full"));

        Assert.Contains(" ~  tls:index:PrivateKey ca updating failed (2.0s) error: disk full", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteEpilogue_PolicyViolationsAndSummary()
    {
        var view = new OperationView(console, time, "dev", showDiff: false, live: false);
        view.Apply(new PolicyEvent(Ca, "rsaBits is 2048, below 3072", "key-size", "kubedos", "mandatory"));
        view.Apply(new PolicyEvent(null, "stack has no backup", "backup", "kubedos", "advisory"));
        var start = time.GetUtcNow();

        view.WriteEpilogue(new UpdateSummary(
            UpdateKind.Update,
            DryRun: true,
            start,
            start.AddSeconds(75),
            ImmutableSortedDictionary.CreateRange(new Dictionary<string, int> { ["create"] = 2, ["replace"] = 1, ["same"] = 4 }),
            [],
            0));

        Assert.True(view.SawMandatoryPolicy);
        var text = console.Output;
        Assert.Contains("Policy Violations:", text, StringComparison.Ordinal);
        Assert.Contains("[mandatory]  kubedos  key-size  (tls:index:PrivateKey: ca)", text, StringComparison.Ordinal);
        Assert.Contains("rsaBits is 2048, below 3072", text, StringComparison.Ordinal);
        Assert.Contains("[advisory]  kubedos  backup", text, StringComparison.Ordinal);
        Assert.Contains("+ 2 to create", text, StringComparison.Ordinal);
        Assert.Contains("+-1 to replace", text, StringComparison.Ordinal);
        Assert.Contains("4 unchanged", text, StringComparison.Ordinal);
        Assert.Contains("Duration: 1m15s", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SawMandatoryPolicy_OnlyAdvisory_False()
    {
        var view = new OperationView(console, time, "dev", showDiff: false, live: false);

        view.Apply(new PolicyEvent(Ca, "m", "p", "pack", "advisory"));

        Assert.False(view.SawMandatoryPolicy);
    }

    [Fact]
    public void Diff_ReplaceWithReason_NamesTheForcingProperty()
    {
        var view = new OperationView(console, time, "dev", showDiff: true, live: false);
        var step = Step(StepKind.Replace) with
        {
            Old = State(("algorithm", "RSA"), ("token", PropertyValue.Secret("old-secret"))),
            New = State(("algorithm", "ED25519"), ("token", PropertyValue.Secret("new-secret"))),
            DetailedDiff = ImmutableSortedDictionary.CreateRange(new Dictionary<string, PropertyDiff>
            {
                ["algorithm"] = new(PropertyDiffKind.UpdateReplace, true, "algorithm cannot change in place"),
                ["token"] = new(PropertyDiffKind.Update, true),
            }),
        };

        view.Apply(new ResourcePreEvent(step, Planning: true));

        var text = console.Output;
        Assert.Contains(" +- tls:index:PrivateKey ca replace [diff: ~algorithm, ~token] [replace: algorithm (algorithm cannot change in place)]", text, StringComparison.Ordinal);
        Assert.Contains("~ algorithm: \"RSA\" => \"ED25519\" (forces replacement: algorithm cannot change in place)", text, StringComparison.Ordinal);
        Assert.Contains("~ token: [secret] => [secret]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ExitCodeOf_PolicyViolation_IsFour()
    {
        Assert.Equal(4, CommandFailure.ExitCodeOf(new PolicyViolationFailure("x")));
        Assert.Equal(3, CommandFailure.ExitCodeOf(new StackLockedException("x")));
        Assert.Equal(130, CommandFailure.ExitCodeOf(new OperationCanceledException()));
        Assert.Equal(70, CommandFailure.ExitCodeOf(new InvalidOperationException()));
    }

    private static StepEventMetadata Step(StepKind op, string name = "ca") =>
        new(op, Urn.Create("dev", "demo", string.Empty, "tls:index:PrivateKey", name), "tls:index:PrivateKey", null, null, [], [], ImmutableSortedDictionary<string, PropertyDiff>.Empty, null);

    private static StepEventStateMetadata State(params (string Key, PropertyValue Value)[] inputs) =>
        new("tls:index:PrivateKey", Ca, true, "id", null, false, PropertyMap.Of(inputs), PropertyMap.Empty);
}
