package dev.xanthus.api.support;

import dev.xanthus.core.auth.AuthService;
import dev.xanthus.core.auth.Principal;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** A handler that declares a {@link Principal} parameter is authenticated: JWT, session, and token freshness. */
@Component
public class PrincipalResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private final AuthService auth;

    public PrincipalResolver(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Principal.class;
    }

    @Override
    public Principal resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mav,
            NativeWebRequest request,
            WebDataBinderFactory binders) {
        return auth.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION));
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }
}
