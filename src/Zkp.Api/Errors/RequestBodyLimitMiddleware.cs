using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Zkp.Api.Options;

namespace Zkp.Api.Errors;

/// <summary>
/// Enforces <see cref="RequestOptions.MaxBodyBytes"/> for every server (Kestrel and the in-memory test
/// server alike): a declared Content-Length over the limit is refused before reading; a chunked body is
/// counted while it is read and the read fails with a 413 <see cref="BadHttpRequestException"/>.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<RequestOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = options.Value.MaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException(TooLarge(limit), StatusCodes.Status413PayloadTooLarge);
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        var original = context.Request.Body;
        await using var limited = new LimitedReadStream(original, limit);
        context.Request.Body = limited;
        try
        {
            await next(context);
        }
        finally
        {
            context.Request.Body = original;
        }
    }

    internal static string TooLarge(long limit) =>
        $"The request body is larger than the limit of {limit.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes.";

    private sealed class LimitedReadStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        // The inner stream belongs to the server; it is not disposed here.
        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private int Count(int read)
        {
            _read += read;
            if (_read > limit)
            {
                throw new BadHttpRequestException(TooLarge(limit), StatusCodes.Status413PayloadTooLarge);
            }

            return read;
        }
    }
}
