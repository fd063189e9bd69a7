using Kubedos.Engine.Model;

namespace Kubedos.Engine.Tests.Fakes;

internal sealed class FileArgs : ResourceArgs
{
    public Input<string>? Content { get; init; }
}
