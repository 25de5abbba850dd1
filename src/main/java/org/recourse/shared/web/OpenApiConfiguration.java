package org.recourse.shared.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description at {@code /v3/api-docs}: what it is, and that systems sign in with HTTP Basic. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI recourseOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Recourse API").version("v1")
                        .description("Recourse (催收协作平台): institutions, agencies and the platform operator. "
                                + "Errors are RFC 9457 problem details with a stable `code`; messages follow "
                                + "Accept-Language (zh-CN, en)."))
                .components(new Components().addSecuritySchemes("basic",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}
