using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using DistSnn.Core;

namespace DistSnn.Cli.Dashboard;

/// <summary>
/// The live view's web server: Kestrel with three minimal-API routes: <c>/</c> the page, <c>/events</c> its states as
/// server-sent events (<c>text/event-stream</c>, event type <c>state</c>, one JSON <see cref="DashboardState"/> per
/// event), <c>/state</c> the latest one as plain JSON. Built from the empty builder: no configuration files,
/// environment variables or console logging of its own, so it neither reads the study's working directory nor
/// writes into its terminal output.
/// </summary>
internal sealed class DashboardServer : IDisposable
{
    /// <summary>The event type of every server-sent event; the page listens for it.</summary>
    public const string EventType = "state";

    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>Where the page is, with the port actually bound (the one asked for, or the free one for 0).</summary>
    public Uri Url { get; }

    /// <summary>Listens on <paramref name="endpoint"/>; a port that cannot be bound is bad input.</summary>
    public static DashboardServer Start(DashboardEndpoint endpoint, DashboardFeed feed)
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(endpoint.Address, endpoint.Port);
        });
        builder.Services.AddRoutingCore();
        WebApplication app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (!endpoint.AcceptsHost(context.Request.Headers.Host))
            {
                context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
                return;
            }
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            // The page needs nothing from elsewhere: its own inline script and style, its own events.
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:";
            await next(context);
        });
        app.MapGet("/", () => Results.Content(DashboardPage.Html, "text/html; charset=utf-8"));
        app.MapGet("/state", () => Results.Content(feed.Latest, "application/json; charset=utf-8"));
        app.MapGet("/events", (HttpContext context) => TypedResults.ServerSentEvents(feed.Stream(context.RequestAborted), EventType));
        try
        {
            app.StartAsync().GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            app.DisposeAsync().AsTask().GetAwaiter().GetResult();
            string what = e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException || e.Message.Contains("in use", StringComparison.OrdinalIgnoreCase)
                ? $"port {endpoint.Port} on {endpoint.Address} is in use"
                : $"cannot listen on {endpoint.Address}:{endpoint.Port} ({e.InnerException?.Message ?? e.Message})";
            throw new InputException("command line", "--dashboard", $"{what}; choose another PORT, or 0 for any free one");
        }
        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = new UriBuilder(bound) { Path = "/" }.Uri;
        return new DashboardServer(app, url);
    }

    /// <summary>Stops listening; open streams are cut after <paramref name="grace"/>.</summary>
    public void Stop(TimeSpan grace)
    {
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            _app.StopAsync(timeout.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Past the grace period Kestrel drops what is still open: that is the point of the bound.
        }
    }

    public void Dispose() => _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
