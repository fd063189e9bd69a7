using Kubedos.Providers.Local;

namespace Kubedos.Providers.Tests.Local;

public sealed class LabNamesTests
{
    [Fact]
    public void InterfaceNames_LongStackAndNode_FitLinuxLimit()
    {
        var names = LabNames.For(new string('s', 63));
        var node = new string('n', 63);

        Assert.All(
            new[] { names.OperatorInterface, names.OperatorPort, names.NodePort(node) },
            name => Assert.InRange(name.Length, 1, 15));
    }

    [Fact]
    public void NodeMac_IsALocallyAdministeredUnicastAddress_StablePerNodeAndDistinct()
    {
        var lab = LabNames.For("lab-01");

        var mac = lab.NodeMac("cp-1");

        Assert.Matches("^[0-9a-f]{2}(:[0-9a-f]{2}){5}$", mac);
        var first = Convert.ToByte(mac[..2], 16);
        Assert.Equal(0x02, first & 0x03);
        Assert.Equal(mac, LabNames.For("lab-01").NodeMac("cp-1"));
        Assert.NotEqual(mac, lab.NodeMac("cp-2"));
        Assert.NotEqual(mac, LabNames.For("dev").NodeMac("cp-1"));
    }

    [Fact]
    public void Names_TwoStacks_Differ()
    {
        var a = LabNames.For("lab-01");
        var b = LabNames.For("dev");

        Assert.NotEqual(a.SwitchNamespace, b.SwitchNamespace);
        Assert.NotEqual(a.OperatorInterface, b.OperatorInterface);
        Assert.NotEqual(a.NodePort("cp-1"), b.NodePort("cp-1"));
        Assert.NotEqual(a.NodeNamespace("cp-1"), b.NodeNamespace("cp-1"));
        Assert.NotEqual(a.FallbackMetric, b.FallbackMetric);
        Assert.NotEqual(a.DefaultUnderlay, b.DefaultUnderlay);
    }

    [Fact]
    public void Names_SameStack_AreStable()
    {
        Assert.Equal(LabNames.For("lab-01").NodePort("cp-1"), LabNames.For("lab-01").NodePort("cp-1"));
        Assert.Equal("kd.lab-01.cp-1", LabNames.For("lab-01").NodeNamespace("cp-1"));
        Assert.Equal("kd.lab-01._switch", LabNames.For("lab-01").SwitchNamespace);
    }

    [Fact]
    public void NodeNamespace_AmbiguousDashes_DoNotCollide()
    {
        Assert.NotEqual(LabNames.For("a").NodeNamespace("b-c"), LabNames.For("a-b").NodeNamespace("c"));
    }

    [Fact]
    public void DefaultUnderlay_AnyStack_Is24Inside10Dot250()
    {
        var cidr = LabNames.For("lab-01").DefaultUnderlay;

        Assert.Equal(24, cidr.PrefixLength);
        Assert.True(System.Net.IPNetwork.Parse("10.250.0.0/16").Contains(cidr.BaseAddress));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Lab")]
    [InlineData("lab_01")]
    [InlineData("-lab")]
    [InlineData("lab.01")]
    [InlineData("a/b")]
    public void For_InvalidStackName_Throws(string stack)
    {
        var error = Assert.Throws<ArgumentException>(() => LabNames.For(stack));

        Assert.Contains("DNS label", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsName_TrailingNewline_IsRefused()
    {
        Assert.False(LabNames.IsName("lab-01\n"));
        Assert.True(LabNames.IsName("lab-01"));
    }

    [Theory]
    [InlineData("lab-01")]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("UPPER_Case.1")]
    [InlineData("-dash")]
    [InlineData("dash-")]
    [InlineData("under_score")]
    [InlineData("dot.ted")]
    [InlineData("")]
    [InlineData("lab-01\n")]
    public void For_StackName_AcceptsExactlyWhatTheEnginesStackNameRuleAccepts(string stack)
    {
        // The engine's one stack-name rule is the lab's: a name that passes stack init and preview must not fail at up here.
        Assert.Equal(Kubedos.Engine.Automation.StackNameRule.IsValid(stack), LabNames.IsName(stack));
        Assert.Equal(StackNameRuleLength(63), LabNames.IsName(new string('a', 63)));
        Assert.Equal(StackNameRuleLength(64), LabNames.IsName(new string('a', 64)));
    }

    private static bool StackNameRuleLength(int length) => Kubedos.Engine.Automation.StackNameRule.IsValid(new string('a', length));
}
