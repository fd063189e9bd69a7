using System.Reflection;
using Kubedos.Engine.Model;

namespace Kubedos.Engine.Tests.Model;

public sealed class ExceptionCauseTests
{
    [Fact]
    public void Of_ReflectionAndTaskWrappers_ReturnsTheInnermostCause()
    {
        var cause = new InvalidOperationException("the real problem");
        var wrapped = new TargetInvocationException(new AggregateException(new TypeInitializationException("T", cause)));

        Assert.Same(cause, ExceptionCause.Of(wrapped));
    }

    [Fact]
    public void Of_AggregateOfSeveral_KeepsTheAggregate()
    {
        var several = new AggregateException(new InvalidOperationException("a"), new InvalidOperationException("b"));

        Assert.Same(several, ExceptionCause.Of(several));
    }
}
