namespace Kubedos.Infra.Tests.Lab;

/// <summary>A test lab never shares a stack name or a CIDR with the checkout's stacks, so a lab the user brought up is never touched.</summary>
public sealed class LabProjectTests
{
    [Theory]
    [InlineData("wg1: { cidr: 10.101.0.0/24 }", "wg1: { cidr: 10.201.0.0/24 }")]
    [InlineData("wg3: { cidr: 10.113.0.0/24 }", "wg3: { cidr: 10.213.0.0/24 }")]
    [InlineData("underlayCidr: 10.250.1.0/24", "underlayCidr: 10.254.1.0/24")]
    [InlineData("address 10.250.2.11", "address 10.254.2.11")]
    public void TestRanges_CheckoutRange_MovesToTheTestRange(string checkout, string test)
    {
        Assert.Equal(test, LabProject.TestRanges(checkout));
    }

    [Theory]
    [InlineData("stacks/lab-01.yaml")]
    [InlineData("stacks/dev.yaml")]
    public void TestRanges_ShippedStack_SharesNoCidrWithTheCheckoutsStacks(string stack)
    {
        var checkout = Cidrs(RepositoryFiles.Read("stacks/lab-01.yaml")).Concat(Cidrs(RepositoryFiles.Read("stacks/dev.yaml"))).ToHashSet();

        var moved = Cidrs(LabProject.TestRanges(RepositoryFiles.Read(stack)));

        Assert.NotEmpty(moved);
        Assert.All(moved, cidr => Assert.DoesNotContain(cidr, checkout));
        Assert.NotEqual("lab-01", LabProject.StackName("lab-01"));
    }

    [Theory]
    [InlineData("stacks/lab-01.yaml")]
    [InlineData("stacks/dev.yaml")]
    public void ThroughEnrollment_ShippedStack_ValidatesWithConvergeObservabilityAndKubernetesOffAndOnlyTheirGatesDropped(string stack)
    {
        var whole = Components.LabSpecs.Normalise(stack);

        var result = Spec.SpecText.Validate(LabProject.ThroughEnrollment(RepositoryFiles.Read(stack)));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var cut = Kubedos.Spec.Normalisation.SpecNormaliser.Normalise(result.Document!);
        Assert.True(whole.Orchestration.Ansible.Enabled);
        Assert.False(cut.Orchestration.Ansible.Enabled);
        Assert.False(cut.Kubernetes.Enabled);
        Assert.False(cut.Kubernetes.Observability.Enabled);
        Assert.Equal(whole.AcceptanceGates.Where(g => g is not ("observability-stack" or "etcd-quorum")), cut.AcceptanceGates);
        Assert.Equal(whole.Nodes.Select(n => n.Name), cut.Nodes.Select(n => n.Name));
    }

    private static List<string> Cidrs(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, @"\b\d+\.\d+\.\d+\.\d+/\d+\b").Select(m => m.Value)];
}
